/**
 * One connection's channels by venue topic. Consecutive frames of a connection mostly carry the same topic, so the
 * last lookup is kept: a repeat costs one string comparison instead of hashing a topic string the venue built afresh
 * for its frame (a lookup per data frame: this is the hot path).
 * @internal
 */
export class Routes<V> {
  private readonly byTopic = new Map<string, V>()
  private lastTopic: string | undefined
  private last: V | undefined

  get(topic: string): V | undefined {
    if (topic === this.lastTopic) return this.last
    const found = this.byTopic.get(topic)
    this.lastTopic = topic
    this.last = found
    return found
  }

  set(topic: string, value: V): void {
    this.byTopic.set(topic, value)
    this.forget()
  }

  delete(topic: string): void {
    this.byTopic.delete(topic)
    this.forget()
  }

  private forget(): void {
    this.lastTopic = undefined
    this.last = undefined
  }
}
