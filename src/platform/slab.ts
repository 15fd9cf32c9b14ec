/**
 * Response bodies cut from shared slabs. Buffer.allocUnsafe pools only sizes under 4 KB; a larger
 * body (a member's feed page is about 9 KB) gets a backing store of its own, allocated outside the
 * JavaScript heap and freed by the garbage collector one by one. A slab serves many such bodies
 * before the next is allocated; each body is a view that keeps its slab alive until the last view
 * of it is collected. Bytes handed out are never handed out again, so a body still being written to
 * a slow client is safe.
 */
export class BufferSlab {
  private slab: Buffer;
  private at = 0;

  constructor(
    private readonly slabSize = 1 << 20,
    /** Bodies larger than this get a buffer of their own (a slab holds at least eight). */
    private readonly largest = slabSize >>> 3,
  ) {
    this.slab = Buffer.allocUnsafeSlow(slabSize);
  }

  /** Uninitialised bytes of this size; the caller fills every one of them. */
  take(size: number): Buffer {
    if (size > this.largest) return Buffer.allocUnsafe(size);
    if (this.at + size > this.slabSize) {
      this.slab = Buffer.allocUnsafeSlow(this.slabSize);
      this.at = 0;
    }
    const bytes = this.slab.subarray(this.at, this.at + size);
    // The next body starts on an 8-byte boundary, as Node's own pool aligns its slices.
    this.at = (this.at + size + 7) & ~7;
    return bytes;
  }
}
