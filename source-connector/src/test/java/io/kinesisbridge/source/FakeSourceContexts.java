package io.kinesisbridge.source;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-written connector and task contexts over an in-memory offset store. */
final class FakeSourceContexts {

  final Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
  final AtomicInteger reconfigurations = new AtomicInteger();

  /** Errors the connector raised; null until one is, for tests that expect one. */
  volatile List<Exception> raised;

  final OffsetStorageReader reader =
      new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
          return offsets.get(new HashMap<String, Object>(partition));
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(
            Collection<Map<String, T>> partitions) {
          Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
          for (Map<String, T> partition : partitions) {
            Map<String, Object> offset = offset(partition);
            if (offset != null) {
              result.put(partition, offset);
            }
          }
          return result;
        }
      };

  SourceConnectorContext connectorContext() {
    return new SourceConnectorContext() {
      @Override
      public OffsetStorageReader offsetStorageReader() {
        return reader;
      }

      @Override
      public void requestTaskReconfiguration() {
        reconfigurations.incrementAndGet();
      }

      @Override
      public void raiseError(Exception e) {
        if (raised == null) {
          throw new AssertionError("connector raised an error", e);
        }
        raised.add(e);
      }

      @Override
      public PluginMetrics pluginMetrics() {
        return null;
      }
    };
  }

  SourceTaskContext taskContext() {
    return new SourceTaskContext() {
      @Override
      public Map<String, String> configs() {
        return Map.of();
      }

      @Override
      public OffsetStorageReader offsetStorageReader() {
        return reader;
      }

      @Override
      public PluginMetrics pluginMetrics() {
        return null;
      }
    };
  }
}
