package org.nimbusdicom.query.progress;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.query.config.QueryConfig;

/**
 * Read-your-writes: "has partition P of topic T been applied up to offset O?". Waiters are
 * futures, not threads, so many concurrent long-polls cost nothing but a map entry. They are
 * completed (1) in-process by the indexer right after each commit ({@link #applied}), and
 * (2) by a poller thread that re-reads {@code index_progress} every
 * {@code nimbus.query.progress.db-poll-interval} while anyone waits, so a replica that does not
 * own the partition answers too. Progress only grows, so a cached value is a safe lower bound.
 */
@ApplicationScoped
public class IndexProgressService {

    private static final Logger LOG = Logger.getLogger(IndexProgressService.class);

    private final IndexProgressRepository repository;
    private final QueryConfig.Progress config;
    private final Map<ProgressKey, Long> known = new ConcurrentHashMap<>();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService timer;
    private volatile Thread poller;
    private volatile boolean running;

    public IndexProgressService(IndexProgressRepository repository, QueryConfig config) {
        this.repository = repository;
        this.config = config.progress();
    }

    private record Waiter(ProgressKey key, long offset, CompletableFuture<Boolean> future) {
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = poller;
        if (t != null) {
            LockSupport.unpark(t);
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        for (Waiter w : waiters) {
            w.future.complete(false);
        }
    }

    private synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nimbus-progress-timeouts");
            t.setDaemon(true);
            return t;
        });
        poller = new Thread(this::pollLoop, "nimbus-progress-poller");
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * Waits until {@code next_offset > offset} for (topic, partition), at most {@code timeout}
     * (capped at {@code nimbus.query.progress.max-wait}; at least two database poll intervals, so
     * that a replica that does not own the partition reads the table before answering false).
     *
     * @return a stage completed with true once applied, or false at the timeout
     */
    public CompletionStage<Boolean> await(String topic, int partition, long offset, Duration timeout) {
        if (topic == null || topic.isBlank()) {
            throw new InvalidRequestException("topic is required");
        }
        if (partition < 0) {
            throw new InvalidRequestException("partition must be a non-negative integer");
        }
        if (offset < 0) {
            throw new InvalidRequestException("offset must be a non-negative integer");
        }
        if (!running) {
            start();
        }
        ProgressKey key = new ProgressKey(topic, partition);
        if (isApplied(key, offset)) {
            return CompletableFuture.completedFuture(true);
        }
        Waiter waiter = new Waiter(key, offset, new CompletableFuture<>());
        waiters.add(waiter);
        if (isApplied(key, offset)) { // applied between the first check and registration
            complete(waiter, true);
            return waiter.future;
        }
        LockSupport.unpark(poller); // look at the database now, not at the next tick
        // at least two poll intervals, so even timeoutMs=0 consults the database once
        long minimum = 2 * config.dbPollInterval().toMillis();
        long millis = Math.max(minimum, Math.min(timeout.toMillis(), config.maxWait().toMillis()));
        timer.schedule(() -> complete(waiter, false), millis, TimeUnit.MILLISECONDS);
        return waiter.future;
    }

    /** Called by the indexer right after a commit: everything below {@code nextOffset} is applied. */
    public void applied(String topic, int partition, long nextOffset) {
        ProgressKey key = new ProgressKey(topic, partition);
        known.merge(key, nextOffset, Math::max);
        signal(key);
    }

    private boolean isApplied(ProgressKey key, long offset) {
        Long next = known.get(key);
        return next != null && next > offset;
    }

    private void signal(ProgressKey key) {
        for (Waiter w : waiters) {
            if (w.key.equals(key) && isApplied(key, w.offset)) {
                complete(w, true);
            }
        }
    }

    private void complete(Waiter w, boolean applied) {
        if (waiters.remove(w)) {
            w.future.complete(applied);
        }
    }

    /** Number of pending waiters (for tests and metrics). */
    public int pendingWaiters() {
        return waiters.size();
    }

    private void pollLoop() {
        long intervalNanos = config.dbPollInterval().toNanos();
        while (running) {
            if (waiters.isEmpty()) {
                LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            try {
                for (Map.Entry<ProgressKey, Long> e : repository.all().entrySet()) {
                    known.merge(e.getKey(), e.getValue(), Math::max);
                }
                for (Waiter w : waiters) {
                    if (isApplied(w.key, w.offset)) {
                        complete(w, true);
                    }
                }
            } catch (Exception e) {
                LOG.debugf("cannot read index_progress: %s", e.getMessage());
            }
            LockSupport.parkNanos(this, intervalNanos);
        }
    }
}
