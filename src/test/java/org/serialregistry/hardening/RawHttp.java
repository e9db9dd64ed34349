package org.serialregistry.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, so that a test can send what no well-behaved client sends
 * (raw bytes in headers, broken %-encoding, bodies larger than their route accepts) and see what
 * the real embedded Tomcat answers.
 */
record RawHttp(int port) {

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    Answer send(String method, String target, Map<String, byte[]> headers, byte[] body) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            var head = new ByteArrayOutputStream();
            head.write((method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (var h : headers.entrySet()) {
                head.write((h.getKey() + ": ").getBytes(StandardCharsets.ISO_8859_1));
                head.write(h.getValue());
                head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            if (body.length > 0 || method.equals("POST")) {
                head.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(head.toByteArray());
            try {
                out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before it has read a body it refuses
            }
            return read(socket.getInputStream());
        }
    }

    Answer get(String target) throws IOException {
        return send("GET", target, Map.of(), new byte[0]);
    }

    private static Answer read(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (IOException reset) {
            // a server that refuses a large body resets the connection after its answer
        }
        String all = bytes.toString(StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no HTTP answer: " + all);
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
        }
        String body = new String(all.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new Answer(status, headers, body);
    }
}
