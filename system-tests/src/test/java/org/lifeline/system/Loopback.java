package org.lifeline.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback addresses other than 127.0.0.1 ({@code 127.2.x.y}), one new one each call: a client bound to
 * one is another client address to the gateway (its own sign-in and rate-limit buckets), and its traffic
 * never leaves this machine (Linux routes all of 127.0.0.0/8 to the loopback interface).
 */
final class Loopback {

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private Loopback() {
    }

    static InetAddress next() {
        int n = NEXT.getAndIncrement();
        if (n >= 65_000) {
            throw new IllegalStateException("ran out of loopback addresses");
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 2, (byte) (n >> 8), (byte) n});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
