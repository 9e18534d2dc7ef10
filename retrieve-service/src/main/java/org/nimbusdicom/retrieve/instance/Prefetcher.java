package org.nimbusdicom.retrieve.instance;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.nimbusdicom.common.error.DependencyUnavailableException;

/**
 * Fetches items {@code 0..count-1} in order with at most {@code window} fetches running ahead
 * of the consumer, so a multipart response overlaps the S3 round trip of the next parts with
 * copying the current one, while memory and connections stay bounded.
 *
 * <p>Not thread-safe: one consumer calls {@link #next()}. {@link #close()} releases whatever was
 * fetched but not consumed (including fetches that complete after the close).
 */
public final class Prefetcher<T> implements AutoCloseable {

    private final int count;
    private final IntFunction<T> fetcher;
    private final IntFunction<T> immediate;
    private final Consumer<T> releaser;
    private final int window;
    private final Executor executor;
    private final Duration timeout;
    private final int retryAfterSeconds;
    @SuppressWarnings("unchecked")
    private final CompletableFuture<T>[] futures;
    private int nextToConsume;
    private int nextToSubmit;
    private volatile boolean closed;

    public Prefetcher(int count, IntFunction<T> fetcher, Consumer<T> releaser, int window, Executor executor,
            Duration timeout, int retryAfterSeconds) {
        this(count, fetcher, null, releaser, window, executor, timeout, retryAfterSeconds);
    }

    /**
     * @param immediate answers items available without I/O (e.g. from a cache) on the calling
     *        thread, or null; items it returns null for are fetched on the executor
     */
    @SuppressWarnings("unchecked")
    public Prefetcher(int count, IntFunction<T> fetcher, IntFunction<T> immediate, Consumer<T> releaser, int window,
            Executor executor, Duration timeout, int retryAfterSeconds) {
        this.count = count;
        this.fetcher = fetcher;
        this.immediate = immediate;
        this.releaser = releaser;
        this.window = Math.max(1, window);
        this.executor = executor;
        this.timeout = timeout;
        this.retryAfterSeconds = retryAfterSeconds;
        this.futures = new CompletableFuture[count];
    }

    /** Number of items. */
    public int count() {
        return count;
    }

    /** Whether {@link #next()} has more items. */
    public boolean hasNext() {
        return nextToConsume < count;
    }

    /**
     * Starts the fetches of the first window and waits for the first item, so that a failure of
     * the first fetch (missing object, S3 down) surfaces before any response byte is written.
     */
    public void primeFirst() {
        fill();
        if (count > 0) {
            await(futures[0]);
        }
    }

    /** The next item, waiting for its fetch; starts further fetches to keep the window full. */
    public T next() {
        if (!hasNext()) {
            throw new IllegalStateException("no more items");
        }
        fill();
        int index = nextToConsume++;
        CompletableFuture<T> future = futures[index];
        futures[index] = null;
        T item = await(future);
        fill();
        return item;
    }

    private void fill() {
        while (nextToSubmit < count && nextToSubmit < nextToConsume + window) {
            int index = nextToSubmit++;
            T available = immediate == null ? null : immediate.apply(index);
            futures[index] = available != null
                    ? CompletableFuture.completedFuture(available)
                    : CompletableFuture.supplyAsync(() -> closed ? null : fetcher.apply(index), executor);
        }
    }

    private T await(CompletableFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new DependencyUnavailableException("S3", retryAfterSeconds, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("S3", retryAfterSeconds, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (int i = nextToConsume; i < nextToSubmit; i++) {
            CompletableFuture<T> future = futures[i];
            futures[i] = null;
            if (future != null) {
                future.whenComplete((item, error) -> {
                    if (item != null) {
                        releaser.accept(item);
                    }
                });
            }
        }
    }
}
