// Double fields added after construction: their first value is a double, so V8 gives them the
// Double representation and a hot loop updates them in place.
export class Particle {
  constructor(id) {
    this.id = id;
    this.alive = true;
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
