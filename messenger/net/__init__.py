"""The one place that creates sockets (so TLS can replace plain TCP here alone)."""
