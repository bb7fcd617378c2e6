package dev.wireless.callbacks.dispatch;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a receiver's answer keeping only what the attempt history stores: the first
 * {@value #MAX_CHARS} characters. A receiver that answers with megabytes costs nothing but the
 * reading (bounded by the attempt's timeout), never memory.
 */
final class CappedBody implements BodyCodec<String> {

    static final int MAX_CHARS = 1024;
    /** UTF-8 needs at most 4 bytes per character, so this many bytes always cover MAX_CHARS characters. */
    private static final int KEPT_BYTES = MAX_CHARS * 4;

    @Override
    public BodyStream<String> stream() {
        return new Stream();
    }

    /**
     * {@code text} cut to {@value #MAX_CHARS} characters (never between the halves of a surrogate
     * pair), with NUL replaced because Postgres text cannot hold it.
     */
    static String truncate(String text) {
        if (text == null) {
            return null;
        }
        String cut = text;
        if (cut.length() > MAX_CHARS) {
            int end = Character.isHighSurrogate(cut.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
            cut = cut.substring(0, end);
        }
        return cut.replace('\u0000', '\uFFFD');
    }

    private static final class Stream implements BodyStream<String> {
        private final Buffer kept = Buffer.buffer();
        private final Promise<String> result = Promise.promise();

        @Override
        public Future<String> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            int room = KEPT_BYTES - kept.length();
            if (room > 0) {
                kept.appendBuffer(data.length() <= room ? data : data.getBuffer(0, room));
            }
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            result.tryComplete(truncate(new String(kept.getBytes(), StandardCharsets.UTF_8)));
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
