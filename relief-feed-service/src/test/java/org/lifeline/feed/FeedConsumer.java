package org.lifeline.feed;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.lifeline.contracts.Topics;
import org.lifeline.feed.projection.ReliefFeedProjection;

/** Where the relief-feed projection's consumer stands, for tests that must wait until it has read everything. */
public final class FeedConsumer {

    private FeedConsumer() {
    }

    /** Whether the relief-feed consumer group has committed every record of both topics. */
    public static boolean caughtUp(String bootstrap) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(ReliefFeedProjection.NAME).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(Topics.CAMPAIGNS,
                            Topics.DONATIONS)).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(partitions).all().get();
            return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || (committed.get(end.getKey()) != null
                    && committed.get(end.getKey()).offset() >= end.getValue().offset()));
        }
    }
}
