package dev.wireless.callbacks.dispatch;

import dev.wireless.callbacks.delivery.AddressPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a callback URL into the one socket address the attempt will connect to, after the SSRF
 * check. The request is then pinned to that address, so the name cannot resolve to something else
 * between the check and the connection (DNS rebinding).
 *
 * <p>The first address of the host that {@link AddressPolicy} allows is used; when it allows none,
 * the attempt is refused with the policy's reason and not retried.
 */
final class TargetResolver {

    private static final Pattern IPV4_LITERAL = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private final Vertx vertx;
    private final AddressPolicy policy;

    TargetResolver(Vertx vertx, AddressPolicy policy) {
        this.vertx = vertx;
        this.policy = policy;
    }

    Future<SocketAddress> resolve(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Future.failedFuture(new RefusedTarget("the callback URL cannot be parsed: " + e.getMessage()));
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort()
                : "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
        String name = host;
        // a literal needs no DNS, so it is not worth a trip to a worker thread
        Future<InetAddress[]> addresses = isLiteral(name)
                ? Future.future(p -> p.complete(lookupLiteral(name)))
                : vertx.executeBlocking(() -> lookup(name), false);
        return addresses.compose(all -> pick(name, port, all));
    }

    private Future<SocketAddress> pick(String host, int port, InetAddress[] addresses) {
        String firstReason = null;
        for (InetAddress address : addresses) {
            String reason = policy.refusalReason(address);
            if (reason == null) {
                return Future.succeededFuture(SocketAddress.inetSocketAddress(port, address.getHostAddress()));
            }
            firstReason = firstReason == null ? reason : firstReason;
        }
        return Future.failedFuture(new RefusedTarget(firstReason == null
                ? "the callback host " + host + " has no address" : firstReason));
    }

    private static boolean isLiteral(String host) {
        return IPV4_LITERAL.matcher(host).matches() || host.contains(":");
    }

    private static InetAddress[] lookupLiteral(String literal) {
        try {
            return lookup(literal);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("the callback host " + literal + " is not a valid IP address");
        }
    }

    private static InetAddress[] lookup(String host) throws UnknownHostException {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("the callback host " + host + " could not be resolved");
        }
    }

    /** The SSRF guard (or an unusable URL) stopped the attempt before any connection was made. */
    static final class RefusedTarget extends RuntimeException {
        RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }
}
