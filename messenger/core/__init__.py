"""The domain, free of Qt and of I/O: who a device is (identity)."""
