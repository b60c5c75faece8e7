// Renders checked text with the rule hits marked. The text is attacker-controlled (a client can
// paste anything into the advisor's compose box), so every piece goes in through textContent.

/**
 * Splits text at every hit boundary. Returns [{text, hits: [hit indexes covering it]}] in order;
 * hits may overlap or nest (a trading order around a price prediction), so a piece can carry
 * several. start/end are UTF-16 offsets, the same unit as JavaScript string indexes.
 */
export function segments(text, hits) {
  const ranges = [];
  hits.forEach((hit, i) => {
    const start = Math.max(0, Math.min(text.length, hit.start | 0));
    const end = Math.max(start, Math.min(text.length, hit.end | 0));
    if (end > start) ranges.push({ start, end, i });
  });
  const cuts = new Set([0, text.length]);
  for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k];
    const to = points[k + 1];
    const covering = ranges.filter(r => r.start <= from && to <= r.end).map(r => r.i);
    pieces.push({ text: text.slice(from, to), hits: covering });
  }
  return pieces;
}

/** Fills container with the text, each hit piece in a <mark> styled by the strongest action. */
export function renderHighlighted(container, text, hits) {
  container.replaceChildren();
  for (const piece of segments(text, hits)) {
    if (piece.hits.length === 0) {
      container.appendChild(document.createTextNode(piece.text));
      continue;
    }
    const mark = document.createElement('mark');
    const blocking = piece.hits.some(i => hits[i].action === 'BLOCK');
    mark.className = 'hit ' + (blocking ? 'hit-block' : 'hit-warn') + (piece.hits.length > 1 ? ' hit-overlap' : '');
    mark.dataset.hits = piece.hits.map(i => i + 1).join(' ');
    mark.textContent = piece.text;
    container.appendChild(mark);
  }
}
