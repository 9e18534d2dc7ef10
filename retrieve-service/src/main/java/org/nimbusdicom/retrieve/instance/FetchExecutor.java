package org.nimbusdicom.retrieve.instance;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nimbusdicom.retrieve.config.RetrieveConfig;

/**
 * The threads that open S3 streams and fetch metadata objects ahead of the response writer. A
 * dedicated pool: the S3 client is blocking, and these calls must not starve the HTTP workers
 * that are copying bytes into responses.
 */
@ApplicationScoped
public class FetchExecutor implements Executor {

    private final ThreadPoolExecutor pool;

    public FetchExecutor(RetrieveConfig config) {
        int threads = Math.max(2, config.storage().fetchThreads());
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "nimbus-s3-fetch-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
