"""Free loopback ports."""

from __future__ import annotations

import random
import socket

__all__ = ["free_port"]


def free_port() -> int:
    """A loopback port nothing listens on right now, below 32768: FalkorDB 4.16 silently
    serves no Bolt on a higher ``BOLT_PORT`` (and the kernel's own picks are all higher)."""
    for _ in range(200):
        port = random.randrange(20000, 32768)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port below 32768")
