"""The address guard: which hosts a fetch may connect to.

A host name is resolved with :func:`socket.getaddrinfo` and EVERY address it resolves to
is checked before any connection is made; one refused address refuses the host (a name
that resolves to both a public and a private address is a classic rebinding trick). The
fetcher then connects to the checked address itself, so a second resolution cannot swap
it. Literal IP hosts are checked without any lookup.

Refused unless ``allow_private``: loopback, private, link-local, shared (CGNAT),
multicast, reserved and unspecified addresses, IPv4 and IPv6, including IPv4 addresses
embedded in IPv6 (IPv4-mapped ``::ffff:a.b.c.d``, 6to4, Teredo, NAT64).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

from newsprism.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def parse_ip(text: str) -> IPAddress | None:
    """The address written in ``text`` (an IP literal, brackets allowed), else None."""
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public unicast address (``"loopback"``, ``"private"``, ...), else None."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_v4(ip)
        if inner is not None:
            problem = address_problem(inner)
            return f"{problem} (embedded {inner})" if problem else None
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("not globally routable", not ip.is_global),
    )
    return next((name for name, hit in checks if hit), None)


@dataclass(frozen=True, slots=True)
class AddressGuard:
    """Decides which addresses may be connected to.

    ``allowed`` lists networks accepted even when private (a test server on
    127.0.0.1/32, an intranet mirror); everything else follows ``allow_private``.
    """

    allow_private: bool = False
    allowed: tuple[IPNetwork, ...] = ()

    def problem(self, ip: IPAddress) -> str | None:
        """Why a connection to ``ip`` is refused, or None when it is allowed."""
        if self.allow_private or any(ip in net for net in self.allowed if net.version == ip.version):
            return None
        return address_problem(ip)

    def resolve(self, host: str, port: int, source: str) -> list[str]:
        """Every address of ``host``, checked; raises FetchError E010 (refused) or E011 (lookup)."""
        literal = parse_ip(host)
        if literal is not None:
            found: list[IPAddress] = [literal]
        else:
            try:
                infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except (OSError, UnicodeError) as exc:
                raise FetchError("E011", source, detail=f"cannot resolve {host}: {exc}") from None
            found = []
            for info in infos:
                ip = parse_ip(str(info[4][0]))
                if ip is not None and ip not in found:
                    found.append(ip)
            if not found:
                raise FetchError("E011", source, detail=f"no address for {host}")
        for ip in found:
            problem = self.problem(ip)
            if problem:
                of_host = "" if literal is not None else f" of {host}"
                raise FetchError("E010", source, detail=f"{ip}{of_host} ({problem})")
        return [str(ip) for ip in found]
