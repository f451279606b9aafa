import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

const DAY_FORMAT = 'YYYY-MM-DD';

export type DatePart = 'from' | 'to';

export type DateRangeFieldProps = {
  from: string;
  to: string;
  /** Days outside firstDay..lastDay have no data and cannot be picked. */
  firstDay: string | null;
  lastDay: string;
  compact: boolean;
  /** Which picker's popup is open (a phone has two; a desktop's range picker opens for either). */
  open: DatePart | null;
  onOpenChange: (open: DatePart | null) => void;
  onChange: (from: string, to: string) => void;
};

/**
 * The custom range: one RangePicker on a desktop, two single pickers on a phone (a range popup is wider than
 * the screen). Loaded lazily by the filter bar: the date picker is a large part of antd.
 */
export default function DateRangeField({
  from,
  to,
  firstDay,
  lastDay,
  compact,
  open,
  onOpenChange,
  onChange,
}: DateRangeFieldProps) {
  const { t } = useTranslation();
  const first = firstDay ? dayjs(firstDay) : null;
  const last = dayjs(lastDay);
  const start = dayjs(from);
  const end = dayjs(to);
  const outOfData = (d: Dayjs) => d.isAfter(last, 'day') || (first !== null && d.isBefore(first, 'day'));

  if (compact) {
    return (
      <div className="date-pair">
        <DatePicker
          aria-label={t('filters.from')}
          data-testid="date-from"
          value={start}
          format={DAY_FORMAT}
          allowClear={false}
          size="large"
          inputReadOnly
          open={open === 'from'}
          autoFocus={open === 'from'}
          onOpenChange={(o) => onOpenChange(o ? 'from' : null)}
          disabledDate={(d) => outOfData(d) || d.isAfter(end, 'day')}
          onChange={(d: Dayjs | null) => d && onChange(d.format(DAY_FORMAT), to)}
          placement="bottomLeft"
        />
        <span className="date-sep" aria-hidden>
          ~
        </span>
        <DatePicker
          aria-label={t('filters.to')}
          data-testid="date-to"
          value={end}
          format={DAY_FORMAT}
          allowClear={false}
          size="large"
          inputReadOnly
          open={open === 'to'}
          autoFocus={open === 'to'}
          onOpenChange={(o) => onOpenChange(o ? 'to' : null)}
          disabledDate={(d) => outOfData(d) || d.isBefore(start, 'day')}
          onChange={(d: Dayjs | null) => d && onChange(from, d.format(DAY_FORMAT))}
          placement="bottomRight"
        />
      </div>
    );
  }

  return (
    <DatePicker.RangePicker
      aria-label={t('filters.period')}
      data-testid="date-range"
      className="range-picker"
      value={[start, end]}
      format={DAY_FORMAT}
      allowClear={false}
      open={open !== null}
      autoFocus={open !== null}
      onOpenChange={(o) => onOpenChange(o ? 'from' : null)}
      disabledDate={outOfData}
      onChange={(range) => {
        const [a, b] = range ?? [];
        if (a && b) onChange(a.format(DAY_FORMAT), b.format(DAY_FORMAT));
      }}
    />
  );
}
