package io.kinesisbridge.common.sink;

import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Wires a {@link DeliveryPipeline}: made by {@link DeliveryPipeline#builder}, which takes the two
 * required ports; everything else has a default.
 *
 * @param <R> the sink's record
 * @param <E> one wire entry
 */
public final class DeliveryPipelineBuilder<R, E> {
  private final Packer<R, E> packer;
  private final BatchSender<E> sender;
  private PipelineSettings settings = PipelineSettings.builder().build();
  private SuccessInspector<E> inspector = SuccessInspector.acceptAll();
  private PipelineScheduler scheduler;
  private RandomGenerator random = new Random();

  DeliveryPipelineBuilder(Packer<R, E> packer, BatchSender<E> sender) {
    this.packer = Objects.requireNonNull(packer, "packer");
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  /** Batching, ordering, retry and buffer settings; default {@code builder().build()}. */
  public DeliveryPipelineBuilder<R, E> settings(PipelineSettings value) {
    this.settings = Objects.requireNonNull(value, "settings");
    return this;
  }

  /** A second look at successes; default: accept all. */
  public DeliveryPipelineBuilder<R, E> successInspector(SuccessInspector<E> value) {
    this.inspector = Objects.requireNonNull(value, "successInspector");
    return this;
  }

  /**
   * Time and timers; default {@link PipelineScheduler#singleThread} named after the settings. The
   * pipeline owns it and shuts it down on {@link DeliveryPipeline#close()}.
   */
  public DeliveryPipelineBuilder<R, E> scheduler(PipelineScheduler value) {
    this.scheduler = Objects.requireNonNull(value, "scheduler");
    return this;
  }

  /** The source of backoff jitter; default a new {@link Random}. */
  public DeliveryPipelineBuilder<R, E> random(RandomGenerator value) {
    this.random = Objects.requireNonNull(value, "random");
    return this;
  }

  /** The pipeline, with its timers started. */
  public DeliveryPipeline<R, E> build() {
    return new DeliveryPipeline<>(this);
  }

  PipelineSettings settings() {
    return settings;
  }

  Packer<R, E> packer() {
    return packer;
  }

  BatchSender<E> sender() {
    return sender;
  }

  SuccessInspector<E> inspector() {
    return inspector;
  }

  PipelineScheduler scheduler() {
    return scheduler != null ? scheduler : PipelineScheduler.singleThread(settings.name());
  }

  RandomGenerator random() {
    return random;
  }
}
