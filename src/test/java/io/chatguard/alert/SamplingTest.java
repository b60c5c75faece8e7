package io.chatguard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void theSameMessageIsAlwaysInOrOutOfTheSample() {
        String msgid = "msg-" + UUID.randomUUID();
        boolean first = Sampling.selects(msgid, 37.5);
        assertThat(IntStream.range(0, 10).mapToObj(i -> Sampling.selects(msgid, 37.5))).containsOnly(first);
    }

    @Test
    void theShareSampledFollowsThePercentage() {
        long sampled = IntStream.range(0, 20_000).filter(i -> Sampling.selects("m-" + i, 5)).count();
        assertThat(sampled).isBetween(900L, 1100L);
        assertThat(IntStream.range(0, 1000).filter(i -> Sampling.selects("m-" + i, 0)).count()).isZero();
        assertThat(IntStream.range(0, 1000).filter(i -> Sampling.selects("m-" + i, 100)).count()).isEqualTo(1000);
    }
}
