"""The ground floor: cache namespaces, logs, request ids, file-format errors. Imports no chiso app."""
