import { useRef } from 'preact/hooks';
import type { TransitionRule } from './types.js';

export interface GraphState { id: number; name: string }

const ROW = 44;
const BOX_H = 28;
const PAD = 10;
/** How far an arc bulges out per state it spans: longer jumps sit outside shorter ones. */
const BULGE_BASE = 12;
const BULGE_STEP = 11;
/** A rough width of one character of the 13px label font; the box only has to be wide enough. */
const CHAR_W = 7.4;

interface Edge { from: number; to: number; d: string; label: string }

export interface GraphLayout {
  width: number;
  height: number;
  box: { x: number; w: number };
  nodes: Array<GraphState & { y: number }>;
  edges: Edge[];
}

/**
 * An arc diagram: the states in one column in id order (the order the back office lists them),
 * each allowed step a half-ellipse from one box to the other — steps forward (down the list) on
 * the right, steps back on the left. Labels never cross an edge and the layout needs no solver.
 */
export function layoutGraph(states: readonly GraphState[], rules: readonly TransitionRule[]): GraphLayout {
  const index = new Map(states.map((s, i) => [s.id, i]));
  const span = Math.max(1, states.length - 1);
  const side = BULGE_BASE + BULGE_STEP * span + PAD;
  const w = Math.max(140, Math.ceil(Math.max(0, ...states.map((s) => `${s.id} ${s.name}`.length)) * CHAR_W) + 24);
  const x = side;
  const y = (i: number) => PAD + i * ROW + BOX_H / 2;
  const edges: Edge[] = [];
  for (const r of rules) {
    const a = index.get(r.id_state_from);
    const b = index.get(r.id_state_to);
    if (a === undefined || b === undefined || a === b) continue;
    const bulge = BULGE_BASE + BULGE_STEP * Math.abs(b - a);
    // Leaving from the lower half of a box going down, arriving in its upper half (and the reverse going up),
    // so that an arrow in and an arrow out of the same side never meet.
    const forward = b > a;
    const edgeX = forward ? x + w : x;
    const y1 = y(a) + (forward ? 6 : -6);
    const y2 = y(b) + (forward ? -6 : 6);
    const ry = Math.abs(y2 - y1) / 2;
    edges.push({ from: r.id_state_from, to: r.id_state_to, d: `M${edgeX} ${y1} A${bulge} ${ry} 0 0 1 ${edgeX} ${y2}`, label: `${r.from_name ?? r.id_state_from} → ${r.to_name ?? r.id_state_to}` });
  }
  return {
    width: 2 * side + w,
    height: 2 * PAD + (states.length - 1) * ROW + BOX_H,
    box: { x, w },
    nodes: states.map((s, i) => ({ ...s, y: y(i) })),
    edges,
  };
}

/**
 * The transition graph as SVG. Each state is a focusable button: Enter or Space (or a click)
 * selects it — its steps are highlighted and the add form takes it as FROM — and the arrow keys
 * move between states.
 */
export function TransitionGraph({ states, rules, selected, onSelect }: { states: readonly GraphState[]; rules: readonly TransitionRule[]; selected: number | null; onSelect: (id: number | null) => void }) {
  const ref = useRef<SVGSVGElement>(null);
  const g = layoutGraph(states, rules);
  const nextOf = (id: number) => g.edges.filter((e) => e.from === id).map((e) => states.find((s) => s.id === e.to)?.name ?? String(e.to));
  const move = (i: number) => (ref.current?.querySelectorAll<SVGGElement>('g.node')[i])?.focus();
  const keyDown = (event: KeyboardEvent, i: number, id: number) => {
    if (event.key === 'Enter' || event.key === ' ') onSelect(selected === id ? null : id);
    else if (event.key === 'ArrowDown' || event.key === 'ArrowRight') move(Math.min(states.length - 1, i + 1));
    else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') move(Math.max(0, i - 1));
    else if (event.key === 'Escape') onSelect(null);
    else return;
    event.preventDefault();
  };
  const edgeClass = (e: Edge) => (selected === null ? 'edge' : e.from === selected ? 'edge out' : e.to === selected ? 'edge in' : 'edge faded');
  return (
    <svg ref={ref} class="graph" viewBox={`0 0 ${g.width} ${g.height}`} width={g.width} height={g.height} role="group" aria-label="Transition graph: states top to bottom, steps forward on the right, steps back on the left">
      <defs>
        {['plain', 'out', 'in'].map((kind) => (
          <marker key={kind} id={`arrow-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0 0L10 5L0 10z" class={`arrowhead ${kind}`} />
          </marker>
        ))}
      </defs>
      {g.edges.map((e) => {
        const cls = edgeClass(e);
        const marker = cls.includes('out') ? 'out' : cls.includes(' in') ? 'in' : 'plain';
        return <path key={`${e.from}-${e.to}`} class={cls} d={e.d} marker-end={`url(#arrow-${marker})`} data-edge={`${e.from}-${e.to}`}><title>{e.label}</title></path>;
      })}
      {g.nodes.map((n, i) => {
        const next = nextOf(n.id);
        return (
          <g key={n.id} class={`node${selected === n.id ? ' selected' : ''}`} tabindex={0} role="button" aria-pressed={selected === n.id}
            aria-label={`${n.name} (${n.id}): ${next.length === 0 ? 'no step allowed from here' : `may go to ${next.join(', ')}`}`}
            data-state={n.id} onClick={() => onSelect(selected === n.id ? null : n.id)} onKeyDown={(e) => keyDown(e, i, n.id)}>
            <rect x={g.box.x} y={n.y - BOX_H / 2} width={g.box.w} height={BOX_H} rx={5} />
            <text x={g.box.x + g.box.w / 2} y={n.y} dominant-baseline="central" text-anchor="middle"><tspan class="id">{n.id}</tspan> {n.name}</text>
          </g>
        );
      })}
    </svg>
  );
}
