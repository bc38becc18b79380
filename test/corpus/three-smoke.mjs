// Exercises three's core classes and prints what a program sees, so a migrated copy of three/src can be
// compared with the original. Usage: node three-smoke.mjs <dir of three's src>
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const THREE = await import(pathToFileURL(join(process.argv[2], 'Three.js')).href);
const out = [];
// UUIDs are random: hide them.
const stable = (_key, value) => (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(value) ? '<uuid>' : value);
const record = (label, fn) => {
  try {
    out.push(`${label}: ${JSON.stringify(fn(), stable)}`);
  } catch (error) {
    out.push(`${label}: throws ${error.constructor.name}: ${error.message}`);
  }
};
const round = (array) => Array.from(array, (x) => Math.round(x * 1e6) / 1e6);

record('vector', () => new THREE.Vector3(1, 2, 3).applyMatrix4(new THREE.Matrix4().makeRotationY(0.5)).normalize().toArray().map((x) => +x.toFixed(6)));
record('quaternion', () => new THREE.Quaternion().setFromEuler(new THREE.Euler(0.1, 0.2, 0.3)).toArray().map((x) => +x.toFixed(6)));
record('box', () => new THREE.Box3().setFromPoints([new THREE.Vector3(-1, 0, 2), new THREE.Vector3(3, -4, 1)]));
record('color', () => new THREE.Color('#ff8800').offsetHSL(0.1, 0, 0).getHexString());
record('scene graph', () => {
  const scene = new THREE.Scene();
  const group = new THREE.Group();
  const mesh = new THREE.Mesh(new THREE.BoxGeometry(1, 2, 3), new THREE.MeshStandardMaterial({ color: 0x336699 }));
  mesh.position.set(1, 2, 3);
  mesh.rotation.set(0.1, 0.2, 0.3);
  group.add(mesh);
  scene.add(group, new THREE.AmbientLight(0xffffff, 0.5));
  scene.updateMatrixWorld(true);
  const names = [];
  scene.traverse((object) => names.push(object.type));
  return { names, world: round(mesh.matrixWorld.elements), box: new THREE.Box3().setFromObject(mesh) };
});
record('raycast', () => {
  const mesh = new THREE.Mesh(new THREE.SphereGeometry(1, 16, 8), new THREE.MeshBasicMaterial());
  mesh.updateMatrixWorld();
  const hits = new THREE.Raycaster(new THREE.Vector3(0, 0, 5), new THREE.Vector3(0, 0, -1)).intersectObject(mesh);
  return hits.map((hit) => [+hit.distance.toFixed(6), hit.faceIndex]);
});
record('camera', () => {
  const camera = new THREE.PerspectiveCamera(50, 1.5, 0.1, 100);
  camera.position.set(0, 0, 10);
  camera.lookAt(0, 0, 0);
  camera.updateMatrixWorld();
  return round(camera.projectionMatrix.elements).concat(round(new THREE.Vector3(1, 1, 0).project(camera).toArray()));
});
record('geometry json', () => new THREE.TorusGeometry(1, 0.3, 4, 6).toJSON());
record('buffer attribute', () => {
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute([0, 0, 0, 1, 0, 0, 0, 1, 0], 3));
  geometry.computeVertexNormals();
  geometry.computeBoundingSphere();
  return { normal: Array.from(geometry.getAttribute('normal').array), sphere: geometry.boundingSphere };
});
record('object json', () => {
  const mesh = new THREE.Mesh(new THREE.PlaneGeometry(), new THREE.MeshPhongMaterial());
  mesh.name = 'plane';
  mesh.userData.tag = 1;
  const json = mesh.toJSON();
  return { object: json.object, geometries: json.geometries.map((g) => g.type), materials: json.materials.map((m) => m.type) };
});
record('events', () => {
  const target = new THREE.EventDispatcher();
  const seen = [];
  const listener = (event) => seen.push(event.type);
  target.addEventListener('ping', listener);
  target.dispatchEvent({ type: 'ping' });
  target.removeEventListener('ping', listener);
  target.dispatchEvent({ type: 'ping' });
  return seen;
});
record('animation', () => {
  const object = new THREE.Object3D();
  const track = new THREE.VectorKeyframeTrack('.position', [0, 1, 2], [0, 0, 0, 1, 2, 3, 4, 5, 6]);
  const clip = new THREE.AnimationClip('move', 2, [track]);
  const mixer = new THREE.AnimationMixer(object);
  mixer.clipAction(clip).play();
  mixer.update(0.5);
  mixer.update(1);
  return round(object.position.toArray()).concat([clip.duration, clip.tracks.length]);
});
record('curve', () => round(new THREE.CatmullRomCurve3([new THREE.Vector3(0, 0, 0), new THREE.Vector3(1, 2, 0), new THREE.Vector3(3, 1, 1)]).getPoints(4).flatMap((p) => p.toArray())));
record('clock-free math', () => [THREE.MathUtils.clamp(5, 0, 3), THREE.MathUtils.lerp(0, 10, 0.25), THREE.MathUtils.degToRad(90).toFixed(6)]);
record('frustum', () => {
  const camera = new THREE.OrthographicCamera(-1, 1, 1, -1, 0.1, 10);
  camera.updateMatrixWorld();
  const frustum = new THREE.Frustum().setFromProjectionMatrix(new THREE.Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse));
  return [frustum.containsPoint(new THREE.Vector3(0, 0, -1)), frustum.containsPoint(new THREE.Vector3(5, 0, -1))];
});
process.stdout.write(`${out.join('\n')}\n`);
