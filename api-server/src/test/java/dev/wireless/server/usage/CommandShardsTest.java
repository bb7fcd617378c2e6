package dev.wireless.server.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandShardsTest {

  @Test
  void concurrentTransactionsGetDistinctShardsUntilAllAreLeased() {
    CommandShards shards = new CommandShards();
    List<CommandShards.Lease> leases = new ArrayList<>();
    Set<Short> seen = new HashSet<>();
    for (int i = 0; i < CommandShards.SHARDS; i++) {
      CommandShards.Lease lease = shards.lease();
      leases.add(lease);
      assertTrue(seen.add(lease.shard()), "shard " + lease.shard() + " leased twice");
      assertTrue(lease.shard() >= 0 && lease.shard() < CommandShards.SHARDS);
    }
    CommandShards.Lease shared = shards.lease();
    assertTrue(shared.shard() >= 0 && shared.shard() < CommandShards.SHARDS);
    shared.release(); // a shared shard is not given back: it was never taken
    assertEquals(CommandShards.SHARDS, shards.leasedCount());

    CommandShards.Lease freed = leases.get(5);
    freed.release();
    freed.release();
    assertEquals(CommandShards.SHARDS - 1, shards.leasedCount());
    assertEquals(freed.shard(), shards.lease().shard(), "the one free shard is the next lease");
  }
}
