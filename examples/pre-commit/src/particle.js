/** Many of these per frame: a hot class with a fixed shape. */
export class Particle {
  constructor(x, y) {
    this.x = x;
    this.y = y;
    this.vx = 0;
    this.vy = 0;
    // Exported, so it may be extended: seal only the most-derived instance.
    if (new.target === Particle) Object.seal(this);
  }

  step(dt) {
    this.x += this.vx * dt;
    this.y += this.vy * dt;
  }
}

export function spawn(count) {
  return Array.from({ length: count }, (_, i) => new Particle(i, 0));
}
