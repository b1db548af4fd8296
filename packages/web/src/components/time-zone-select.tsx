import { useMemo } from 'react';
import { currentOffsetLabel, knownTimeZones } from '../lib/zoned-format.ts';
import type { ControlProps } from './form-field.tsx';

export function TimeZoneSelect(
  props: ControlProps & { value: string; onChange: (zone: string) => void; required?: boolean },
) {
  const { value, onChange, ...control } = props;
  const zones = useMemo(() => {
    const all = knownTimeZones();
    return all.includes(value) || !value ? all : [value, ...all];
  }, [value]);
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, ' ')} ({currentOffsetLabel(zone)})
        </option>
      ))}
    </select>
  );
}
