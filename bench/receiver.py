#!/usr/bin/env python3
"""A customer's callback endpoint for the benchmark: an HTTP/1.1 server that answers every request
204 at once, with keep-alive and pipelining. One asyncio event loop, no thread per connection: the
threaded http.server cost about 250 us of CPU per callback, more than the dispatcher sending it.
usage: receiver.py PORT"""
import asyncio
import sys

ANSWER = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"
CLOSE = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
BAD = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class Answer(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.buffer = bytearray()

    def data_received(self, data):
        self.buffer += data
        while True:
            request = self.one_request()
            if request is None:
                return
            length, close = request
            if length < 0:
                self.transport.write(BAD)
                self.transport.close()
                return
            del self.buffer[:length]
            self.transport.write(CLOSE if close else ANSWER)
            if close:
                self.transport.close()
                return

    def one_request(self):
        """(length, close after it) of the first complete request in the buffer, None while it is
        incomplete; a negative length when it cannot be parsed."""
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return None
        lines = bytes(self.buffer[:end]).split(b"\r\n")
        length, chunked, close = 0, False, lines[0].endswith(b"HTTP/1.0")
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == b"content-length":
                if not value.isdigit():
                    return -1, True
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = value.endswith(b"chunked")
            elif name == b"connection":
                close = value == b"close"
        start = end + 4
        total = self.chunked_end(start) if chunked else start + length
        if total is None or len(self.buffer) < total:
            return None
        return total, close

    def chunked_end(self, position):
        while True:
            line_end = self.buffer.find(b"\r\n", position)
            if line_end < 0:
                return None
            try:
                size = int(bytes(self.buffer[position:line_end]).split(b";")[0], 16)
            except ValueError:
                return None
            position = line_end + 2 + size + 2
            if size == 0:
                trailer_end = self.buffer.find(b"\r\n\r\n", line_end)
                return None if trailer_end < 0 else trailer_end + 4
            if len(self.buffer) < position:
                return None


async def main(port):
    server = await asyncio.get_running_loop().create_server(Answer, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
