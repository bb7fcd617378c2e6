package dev.wireless.server.usage;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which of an account's rollup rows ({@code usage_account_hourly.shard}, and the daily table's) a
 * Command's transaction adds to. Every Command of an account in one hour adds to the same account
 * cell, and the upsert holds that row's lock until the transaction commits; with the shard picked
 * by SIM, concurrent Commands collided on a shard and queued behind each other's commits (54 ms per
 * upsert at 64 connections). A shard is therefore leased to one transaction of this node at a time:
 * this node's Commands never wait for each other on an account row. When every shard is leased,
 * a transaction shares a random one (correct, merely slower); other nodes lease from their own
 * random starting point, so they rarely meet.
 */
public final class CommandShards {

  /** Rows one account cell may be spread over (the tables' {@code shard between 0 and 15}). */
  static final int SHARDS = 16;
  private static final int ALL = (1 << SHARDS) - 1;

  private final AtomicInteger leased = new AtomicInteger();
  private final int offset = ThreadLocalRandom.current().nextInt(SHARDS);

  /** A shard for one transaction; give it back with {@link Lease#release()} once it has ended. */
  public Lease lease() {
    while (true) {
      int mask = leased.get();
      if (mask == ALL) {
        return new Lease(this, (short) ThreadLocalRandom.current().nextInt(SHARDS), false);
      }
      int shard = firstFree(mask);
      if (leased.compareAndSet(mask, mask | (1 << shard))) {
        return new Lease(this, (short) shard, true);
      }
    }
  }

  private int firstFree(int mask) {
    for (int i = 0; i < SHARDS; i++) {
      int shard = (offset + i) % SHARDS;
      if ((mask & (1 << shard)) == 0) {
        return shard;
      }
    }
    throw new IllegalStateException("no free shard in " + Integer.toBinaryString(mask));
  }

  /** Shards leased right now (tests). */
  int leasedCount() {
    return Integer.bitCount(leased.get());
  }

  /** One transaction's shard. */
  public static final class Lease {
    private final CommandShards owner;
    private final short shard;
    private boolean held;

    private Lease(CommandShards owner, short shard, boolean held) {
      this.owner = owner;
      this.shard = shard;
      this.held = held;
    }

    public short shard() {
      return shard;
    }

    /** Gives the shard back; later calls do nothing. */
    public void release() {
      if (held) {
        held = false;
        owner.leased.getAndUpdate(m -> m & ~(1 << shard));
      }
    }
  }
}
