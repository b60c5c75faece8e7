package io.chatguard.report.render;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Guards the caller's stream: libraries that close what they write to only flush it. */
final class NonClosingOutputStream extends FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
