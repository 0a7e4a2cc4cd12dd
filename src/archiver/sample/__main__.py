"""`python -m archiver.sample`: serve the sample portal until Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import threading

from archiver.sample.server import SamplePortal


def main(argv: list[str] | None = None) -> None:
    """Start the portal, print each site's start URL, wait for Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m archiver.sample", description=main.__doc__)
    parser.add_argument("--port-base", type=int, default=0, help="first port (default: any free)")
    parser.add_argument("--articles", type=int, default=36, help="articles per site")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    with SamplePortal(args.articles, args.host, port_base=args.port_base) as portal:
        for site in portal.sites:
            print(f"{site.name:10} {site.family:11} {site.start_url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
