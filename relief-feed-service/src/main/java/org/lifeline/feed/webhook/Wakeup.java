package org.lifeline.feed.webhook;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What wakes one subscription's deliverer: the feed moved ({@code lifeline_feed}), the subscription changed (a
 * redelivery or deletion on {@code lifeline_webhooks}), or a stop. Back-off waits listen to the last two only, so
 * new events never hurry retries. A lock and condition rather than {@code synchronized}: it runs on virtual threads.
 */
final class Wakeup {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean feedMoved;
    private boolean subscriptionChanged;
    private boolean stopped;

    void feedMoved() {
        signal(() -> feedMoved = true);
    }

    void subscriptionChanged() {
        signal(() -> subscriptionChanged = true);
    }

    void stop() {
        signal(() -> stopped = true);
    }

    boolean stopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a change or stop is waiting: a deliverer then drops what it is doing and reloads. */
    boolean interrupted() {
        lock.lock();
        try {
            return stopped || subscriptionChanged;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets earlier changes; called right before the subscription is read again. */
    void clearChanges() {
        lock.lock();
        try {
            subscriptionChanged = false;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code max} for new events, a change or a stop. */
    void awaitFeed(Duration max) throws InterruptedException {
        await(max, true);
    }

    /** Waits up to {@code max} unless a change or stop comes first; true when one did. */
    boolean awaitChange(Duration max) throws InterruptedException {
        return await(max, false);
    }

    private boolean await(Duration max, boolean orFeed) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (!(stopped || subscriptionChanged || orFeed && feedMoved) && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            if (orFeed) {
                feedMoved = false;
            }
            return stopped || subscriptionChanged;
        } finally {
            lock.unlock();
        }
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
