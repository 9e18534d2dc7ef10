package org.nimbusdicom.store.ingest;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.nimbusdicom.store.config.StoreConfig;

/** A {@link StoreConfig} for plain unit tests. */
final class TestStoreConfig implements StoreConfig {

    private final long maxPartSize;
    private final Path stagingDirectory;

    TestStoreConfig(long maxPartSize, Path stagingDirectory) {
        this.maxPartSize = maxPartSize;
        this.stagingDirectory = stagingDirectory;
    }

    @Override
    public MemorySize maxPartSize() {
        return new MemorySize(BigInteger.valueOf(maxPartSize));
    }

    @Override
    public Optional<String> stagingDirectory() {
        return Optional.of(stagingDirectory.toString());
    }

    @Override
    public int retryAfterSeconds() {
        return 9;
    }

    @Override
    public String eventSource() {
        return "/test";
    }

    @Override
    public Upload upload() {
        return new Upload() {
            @Override
            public MemorySize multipartThreshold() {
                return new MemorySize(BigInteger.valueOf(16L << 20));
            }

            @Override
            public MemorySize partSize() {
                return new MemorySize(BigInteger.valueOf(16L << 20));
            }
        };
    }

    @Override
    public Kafka kafka() {
        return new Kafka() {
            @Override
            public Optional<String> bootstrapServers() {
                return Optional.empty();
            }

            @Override
            public Duration deliveryTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration requestTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration maxBlock() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration ackTimeout() {
                return Duration.ofMillis(500);
            }

            @Override
            public int topicPartitions() {
                return 4;
            }

            @Override
            public short topicReplicationFactor() {
                return -1;
            }

            @Override
            public boolean createTopic() {
                return false;
            }
        };
    }

    @Override
    public IndexWait indexWait() {
        return new IndexWait() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(2);
            }
        };
    }
}
