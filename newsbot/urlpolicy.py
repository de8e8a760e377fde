"""Which URLs a crawl may fetch: what a remote document names is untrusted input.

Every request a newsbot spider makes says who named its URL in ``meta["newsbot_origin"]``: the
user (``"user"``: the command line, a url or feed file, the seed folder and its manifest) or the
URL of the document that listed it (a feed, a sitemap, a sitemap index). A redirect is named by
the page that redirected. The policy, in order:

1. the scheme must be one of NEWSBOT_ALLOWED_SCHEMES (http, https); ``file:`` only for what the
   user named (the seeds spider's files), never for a URL a document lists;
2. a host in NEWSBOT_DENIED_HOSTS (names, ``host:port`` or networks such as ``10.0.0.0/8``) is never
   reached;
3. with NEWSBOT_ALLOWED_DOMAINS or the spider's ``allowed_domains`` (Scrapy's own attribute, also
   ``-a allowed_domains=a.com,b.com``) only those domains and their subdomains are reached, as
   Scrapy's OffsiteMiddleware would, but recorded as rejected inputs rather than filtered in silence;
4. the address the host resolves to: a host in NEWSBOT_ALLOWED_HOSTS is always reached; a link-
   local, multicast, reserved or unspecified address (169.254.169.254, the cloud metadata service)
   never; a private or loopback address (10.x, 192.168.x, 127.x, ::1) only when the user named the
   URL or the document that named it is on the same host and port.

A request that breaks a rule fails with BlockedUrl, a rejected input (``blocked_url``) with the
rule in its message. This module is pure: the downloader middleware that applies it is
newsbot.middlewares.UrlPolicyMiddleware.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

USER = "user"


class BlockedUrl(IgnoreRequest):
    """A request the URL policy does not allow."""

    reason = "blocked_url"


def netloc(url: str) -> str:
    """host:port of a URL, the port made explicit (http://a.kr -> a.kr:80)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    except ValueError:
        port = 0
    return f"{host}:{port}"


def is_address(host: str) -> bool:
    """An IP literal rather than a name to resolve."""
    return _as_address(host) is not None


def _as_address(value: str):
    try:
        return ipaddress.ip_address(value.strip("[]"))
    except ValueError:
        return None


@dataclass
class HostList:
    """Host names, host:port pairs and networks (CIDR), matched against a URL's host."""

    names: set[str] = field(default_factory=set)
    networks: list = field(default_factory=list)

    @classmethod
    def parse(cls, entries) -> HostList:
        hosts = cls()
        for entry in entries or []:
            entry = str(entry).strip().lower()
            if not entry:
                continue
            try:
                hosts.networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hosts.names.add(entry)
        return hosts

    def matches(self, host: str, port: int, address=None) -> bool:
        if host in self.names or f"{host}:{port}" in self.names:
            return True
        return address is not None and any(address in network for network in self.networks)

    def __bool__(self) -> bool:
        return bool(self.names or self.networks)


class UrlPolicy:
    def __init__(self, schemes=("http", "https"), allowed_domains=(), allowed_hosts=(), denied_hosts=()):
        self.schemes = {s.lower() for s in schemes}
        self.allowed_domains = [d.strip().lower() for d in allowed_domains if d and d.strip()]
        self.allowed_hosts = HostList.parse(allowed_hosts)
        self.denied_hosts = HostList.parse(denied_hosts)

    @classmethod
    def from_settings(cls, settings, spider_domains=()) -> UrlPolicy:
        return cls(settings.getlist("NEWSBOT_ALLOWED_SCHEMES", ["http", "https"]),
                   [*settings.getlist("NEWSBOT_ALLOWED_DOMAINS", []), *(spider_domains or [])],
                   settings.getlist("NEWSBOT_ALLOWED_HOSTS", []), settings.getlist("NEWSBOT_DENIED_HOSTS", []))

    def check_name(self, url: str, origin: str | None) -> None:
        """The rules that need no address (1-3); raises BlockedUrl."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "file":
            if origin != USER:
                raise BlockedUrl(f"{url}: a local file named by {origin or 'a remote document'}; "
                                 "only files named on the command line or in the seed folder are read")
            return
        if scheme not in self.schemes:
            raise BlockedUrl(f"{url}: the {scheme or 'empty'} scheme is not allowed (NEWSBOT_ALLOWED_SCHEMES)")
        host = (parts.hostname or "").lower()
        if not host:
            raise BlockedUrl(f"{url}: no host")
        port = netloc(url).rsplit(":", 1)[1]
        if self.denied_hosts.matches(host, int(port), _as_address(host)):
            raise BlockedUrl(f"{url}: {host} is in NEWSBOT_DENIED_HOSTS")
        if self.allowed_domains and not any(host == d or host.endswith("." + d) for d in self.allowed_domains) \
                and not self.allowed_hosts.matches(host, int(port), _as_address(host)):
            raise BlockedUrl(f"{url}: {host} is not among the allowed domains ({', '.join(self.allowed_domains)})")

    def check_address(self, url: str, origin: str | None, address: str) -> None:
        """Rule 4, once the host is resolved to `address`; raises BlockedUrl."""
        ip = _as_address(address)
        if ip is None:
            return
        host, port = netloc(url).rsplit(":", 1)
        if self.denied_hosts.matches(host, int(port), ip):
            raise BlockedUrl(f"{url}: {ip} is in NEWSBOT_DENIED_HOSTS")
        if self.allowed_hosts.matches(host, int(port), ip):
            return
        if ip.is_link_local or ip.is_multicast or ip.is_unspecified or (ip.is_reserved and not ip.is_private):
            raise BlockedUrl(f"{url}: {ip} is a link-local or reserved address; "
                             "allow it with NEWSBOT_ALLOWED_HOSTS")
        if ip.is_private or ip.is_loopback:
            if origin == USER or (origin and netloc(origin) == netloc(url)):
                return
            raise BlockedUrl(f"{url}: {ip} is a private or loopback address named by a document on another "
                             f"host ({origin or 'unknown'}); allow it with NEWSBOT_ALLOWED_HOSTS")
