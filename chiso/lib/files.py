"""What a broken ZIP-based upload (XLSX, DOCX, ZIP) can raise from the standard library.

zipfile raises far more than BadZipFile on a damaged or odd archive: NotImplementedError for an
unknown compression or version, RuntimeError for an encrypted member, zlib.error and EOFError on
a damaged stream, ValueError and OSError on impossible offsets. Every reader of uploads catches
all of them and says the file cannot be read. Pure standard library (no Django)."""

from __future__ import annotations

import struct
import zipfile
import zlib

ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    ValueError,
    OSError,
    EOFError,
    zlib.error,
    struct.error,
    KeyError,
    IndexError,
    OverflowError,
    UnicodeDecodeError,
)
