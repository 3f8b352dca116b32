// The README's React recipe (README, "React, Vue, Svelte"), without its type annotations: mount in an effect, update
// on prop change, destroy on unmount; StrictMode's mount → unmount → mount in development leaves one live figure.
import { heatmap } from 'heatgl';
import { useEffect, useRef } from 'react';

export function HeatmapView({ data, options, onHeatmap }) {
  const box = useRef(null);
  const hm = useRef(null);
  useEffect(() => {
    hm.current = heatmap(box.current, data, options);
    onHeatmap?.(hm.current);
    return () => {
      hm.current?.destroy();
      hm.current = null;
      onHeatmap?.(null);
    };
  }, []);
  useEffect(() => {
    hm.current?.setData(data, options);
  }, [data, options]);
  return <div ref={box} style={{ width: 300, height: 300 }} />;
}
