// Builds small heap snapshots in V8's layout, for parser tests that need exact control over the bytes.

export const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape'];
export const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

export interface SyntheticEdge {
  type: string;
  /** A string name, or an index for element/hidden edges. */
  name: string | number;
  to: number;
}

export interface SyntheticNode {
  type: string;
  name: string;
  selfSize: number;
  edges?: SyntheticEdge[];
}

export interface SyntheticOptions {
  nodeFields?: string[];
  edgeFields?: string[];
  /** Raw JSON text of extra sections, inserted between edges and strings. */
  extraSections?: string;
  /** Strings to append to the table without a reference. */
  extraStrings?: string[];
}

export const DEFAULT_NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
export const DEFAULT_EDGE_FIELDS = ['type', 'name_or_index', 'to_node'];

export function syntheticSnapshot(nodes: SyntheticNode[], options: SyntheticOptions = {}): string {
  const nodeFields = options.nodeFields ?? DEFAULT_NODE_FIELDS;
  const edgeFields = options.edgeFields ?? DEFAULT_EDGE_FIELDS;
  const strings = ['<dummy>'];
  const id = (text: string) => {
    const index = strings.indexOf(text);
    return index >= 0 ? index : strings.push(text) - 1;
  };
  const nodeRows = nodes.map((node, index) => {
    const values: Record<string, number> = {
      type: NODE_TYPES.indexOf(node.type),
      name: id(node.name),
      id: index * 2 + 1,
      self_size: node.selfSize,
      edge_count: node.edges?.length ?? 0,
      trace_node_id: 0,
      detachedness: 0,
    };
    return nodeFields.map((field) => values[field]).join(',');
  });
  const edgeRows = nodes.flatMap((node) =>
    (node.edges ?? []).map((edge) => {
      const values: Record<string, number> = {
        type: EDGE_TYPES.indexOf(edge.type),
        name_or_index: typeof edge.name === 'number' ? edge.name : id(edge.name),
        to_node: edge.to * nodeFields.length,
      };
      return edgeFields.map((field) => values[field]).join(',');
    }),
  );
  strings.push(...(options.extraStrings ?? []));
  const meta = {
    node_fields: nodeFields,
    node_types: nodeFields.map((field) => (field === 'type' ? NODE_TYPES : field === 'name' ? 'string' : 'number')),
    edge_fields: edgeFields,
    edge_types: edgeFields.map((field) => (field === 'type' ? EDGE_TYPES : field === 'name_or_index' ? 'string_or_number' : 'node')),
    trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
    trace_node_fields: ['id', 'function_info_index', 'count', 'size', 'children'],
    sample_fields: ['timestamp_us', 'last_assigned_id'],
    location_fields: ['object_index', 'script_id', 'line', 'column'],
  };
  const header = JSON.stringify({ meta, node_count: nodes.length, edge_count: edgeRows.length, trace_function_count: 0 });
  // Same line breaks as V8: one node or edge per line, one string per line.
  return (
    `{"snapshot":${header},\n"nodes":[${nodeRows.join('\n,')}],\n"edges":[${edgeRows.join('\n,')}],\n` +
    `${options.extraSections ?? '"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[],\n'}` +
    `"strings":[${strings.map((text) => JSON.stringify(text)).join(',\n')}]}`
  );
}

/** A tiny heap: two instances of Foo, one fast with a PropertyArray and one in dictionary mode. */
export function fooHeap(): SyntheticNode[] {
  return [
    { type: 'synthetic', name: '', selfSize: 0, edges: [{ type: 'element', name: 1, to: 1 }, { type: 'element', name: 2, to: 2 }] },
    {
      type: 'object',
      name: 'Foo',
      selfSize: 40,
      edges: [
        { type: 'property', name: '__proto__', to: 3 },
        { type: 'internal', name: 'properties', to: 4 },
        { type: 'internal', name: 'map', to: 5 },
      ],
    },
    {
      type: 'object',
      name: 'Foo',
      selfSize: 24,
      edges: [
        { type: 'internal', name: 'properties', to: 6 },
        { type: 'internal', name: 'map', to: 7 },
      ],
    },
    { type: 'object', name: 'Object', selfSize: 24 },
    { type: 'hidden', name: 'system / PropertyArray', selfSize: 40 },
    { type: 'object shape', name: 'system / Map', selfSize: 72 },
    { type: 'array', name: '(object properties)', selfSize: 256 },
    { type: 'object shape', name: 'system / Map', selfSize: 72 },
  ];
}
