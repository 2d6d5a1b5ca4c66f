"""What a file's first bytes say about it, without Django: shared by uploads (core.files) and the
extraction engine's readers (intake), which runs without Django."""


def binary_head(head: bytes) -> bool:
    """NUL bytes in the first 4 KB, outside UTF-16 text (which starts with its byte-order mark)."""
    return b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
