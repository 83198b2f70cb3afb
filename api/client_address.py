"""Who is on the other end of a request: the client's address, behind trusted reverse proxies.

Behind a reverse proxy every request comes from the proxy's address; the proxy names the client in
``X-Forwarded-For`` (each proxy appends the address it received the request from). The header is believed
only when the direct peer is one of the ``trusted_proxies`` (``MINHCHUNG_TRUSTED_PROXIES``: addresses or
networks, none by default): anyone else could write any address there and slip past the per-address log-in
throttle. From a trusted peer, the client is the right-most address of the header that is not itself a
trusted proxy (what a client writes to the left of it is not believed either). A header that cannot be
read where it matters (an empty or malformed hop) is no error: the peer's own address is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

from starlette.requests import Request

Address = IPv4Address | IPv6Address
TrustedProxies = tuple[IPv4Network | IPv6Network, ...]
UNKNOWN = "unknown"  # no peer address at all (a Unix socket)


def trusted_networks(entries: Iterable[str]) -> TrustedProxies:
    """The trusted proxies as networks (``10.0.0.5``, ``10.0.0.0/8``, ``::1``); a ``ValueError`` naming the
    entry when one is not an address or network, so a typo stops the service at start-up."""
    networks = []
    for entry in entries:
        text = entry.strip()
        if not text:
            continue
        try:
            networks.append(ip_network(text, strict=False))
        except ValueError as error:
            raise ValueError(
                f"MINHCHUNG_TRUSTED_PROXIES: {text!r} is not an IP address or network"
            ) from error
    return tuple(networks)


def parse_address(text: str) -> Address | None:
    """An address as peers and proxies write it (``1.2.3.4``, ``1.2.3.4:5678``, ``2001:db8::1``,
    ``[2001:db8::1]:443``), an IPv4-mapped IPv6 address as its IPv4 one; None when it is none of these."""
    text = text.strip()
    if text.startswith("["):  # [IPv6] or [IPv6]:port
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:  # IPv4:port
        text = text.split(":", 1)[0]
    try:
        address = ip_address(text)
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, trusted: TrustedProxies) -> bool:
    return any(address.version == network.version and address in network for network in trusted)


def client_address(peer: str | None, forwarded_for: Sequence[str], trusted: TrustedProxies) -> str:
    """The client's address: the ``peer``'s own, unless the peer is a trusted proxy and ``forwarded_for``
    (the ``X-Forwarded-For`` header values, in order) names a client behind it."""
    if peer is None:
        return UNKNOWN
    peer_address = parse_address(peer)
    if peer_address is None or not _trusted(peer_address, trusted):
        return peer
    hops = [hop for value in forwarded_for for hop in value.split(",")]
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            return peer  # unreadable where it matters: not believed
        if not _trusted(address, trusted):
            return str(address)
    return peer  # no header, or proxies only


def request_address(request: Request) -> str:
    """The client address of ``request`` under the app's trusted proxies (``AppState.trusted_proxies``)."""
    return client_address(
        request.client.host if request.client else None,
        request.headers.getlist("x-forwarded-for"),
        request.app.state.mc.trusted_proxies,
    )
