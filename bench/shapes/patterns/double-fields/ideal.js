// Declared up front with a double (NaN), not `undefined`: the fields keep the Double representation
// instead of becoming Tagged, where every write would allocate a new HeapNumber.
export class Particle {
  constructor(id) {
    this.id = id;
    this.alive = true;
    this.x = NaN;
    this.y = NaN;
  }

  launch(x, y) {
    this.x = x;
    this.y = y;
  }
}

export function create(i) {
  return new Particle(i);
}

export function later(particle, i) {
  particle.launch(i * 0.5 + 0.25, i * 0.25 + 0.125);
}

export function read(particle) {
  return particle.x;
}

export function write(particle, value) {
  particle.x = value;
}

export function value(i) {
  return i + 0.5;
}
