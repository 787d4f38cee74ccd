#!/usr/bin/python3
"""An SMTP server for the tests: keeps each message it receives as a file in a folder.

    smtp_sink.py FOLDER [--port N]

Listens on 127.0.0.1 (a free port unless --port is given), prints the port on a line of its
own once it accepts connections, and runs until SIGTERM or SIGINT. Each message is written to
a temporary name and renamed to <n>.eml, so a reader never sees half a message.
"""
import argparse
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = f"{self.count:06d}.eml"
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        envelope_lines = "".join(f"X-Sink-Rcpt: {r}\r\n" for r in envelope.rcpt_tos)
        temporary = os.path.join(self.folder, name + ".part")
        with open(temporary, "wb") as out:
            out.write(envelope_lines.encode("ascii"))
            out.write(data)
        os.rename(temporary, os.path.join(self.folder, name))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    port = args.port or free_port()
    controller = Controller(Keep(args.folder), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.wait(0.2):
        pass
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
