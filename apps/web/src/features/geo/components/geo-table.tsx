import type { GeoMetric } from '@portrait/shared/geo';
import { Button, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../lib/use-formatters';
import { cityName, provinceLabel, type RankedProvince } from '../utils/geo-areas';

type Row = {
  key: string;
  kind: 'province' | 'city';
  /** The name the scope narrows to: a province's full name, or a city. */
  target: string;
  label: string;
  rank: number;
  customers: number;
  ltv: number | null;
  revenue: number;
  orders: number;
  onMap: boolean;
  children?: Row[];
};

export type GeoTableProps = {
  ranked: RankedProvince[];
  metric: GeoMetric;
  compact: boolean;
  /** Height the rows may scroll in (beside the map on a desktop); none on a phone. */
  scrollHeight?: number;
  /** Provinces shown before "show all" (on a phone, so the map stays within reach); all when absent. */
  limit?: number;
  onNarrow: (kind: 'province' | 'city', name: string) => void;
};

/** The ranked table beside the map: the same four figures, for people who read rather than look. */
export function GeoTable({ ranked, metric, compact, scrollHeight, limit, onNarrow }: GeoTableProps) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [showAll, setShowAll] = useState(false);
  const cut = limit !== undefined && !showAll && ranked.length > limit + 1;

  const rows = useMemo<Row[]>(
    () =>
      ranked.map((p) => ({
        key: `province:${p.province}`,
        kind: 'province',
        target: p.province,
        label: provinceLabel(p.province, f.lang),
        rank: p.rank,
        customers: p.customers,
        ltv: p.ltv,
        revenue: p.revenue,
        orders: p.orders,
        onMap: p.mapName !== null,
        // A province of one city needs no second line: narrowing to either is the same.
        ...(p.cities.length > 1
          ? {
              children: p.cities.map((c) => ({
                key: `city:${c.city}`,
                kind: 'city' as const,
                target: c.city,
                label: cityName(c, f.lang),
                rank: c.rank,
                customers: c.customers,
                ltv: c.ltv,
                revenue: c.revenue,
                orders: c.orders,
                onMap: true,
              })),
            }
          : {}),
      })),
    [ranked, f.lang],
  );

  const figure = (key: GeoMetric | 'orders', title: string, render: (v: number | null) => string) => ({
    key,
    dataIndex: key,
    title,
    align: 'right' as const,
    width: compact ? 84 : undefined,
    className: key === metric ? 'geo-table-metric' : undefined,
    render: (value: number | null) => render(value),
  });

  const columns: TableColumnsType<Row> = [
    {
      key: 'area',
      title: t('geo.area'),
      fixed: compact ? 'left' : undefined,
      width: compact ? 128 : undefined,
      render: (_: unknown, row: Row) => (
        <span className="geo-table-area">
          <span className="geo-table-rank" aria-label={t('geo.rank')}>
            {row.rank}
          </span>
          <Button
            type="link"
            size="small"
            className="geo-table-name"
            data-testid={`geo-row-${row.kind}`}
            title={t('geo.narrowTo', { name: row.label })}
            onClick={() => onNarrow(row.kind, row.target)}
          >
            {row.label}
          </Button>
          {row.onMap ? null : <span className="geo-table-note">{t('geo.noMapArea')}</span>}
        </span>
      ),
    },
    figure('ltv', t('geo.ltvShort'), (v) => f.currency(v)),
    figure('customers', t('geo.customersShort'), (v) => f.integer(v)),
    figure('revenue', t('geo.revenue'), (v) => f.currencyCompact(v)),
    figure('orders', t('geo.orders'), (v) => f.integer(v)),
  ];

  return (
    <>
      <Table<Row>
        className="geo-table"
        data-testid="geo-table"
        aria-label={t('geo.tableAria')}
        size="small"
        columns={columns}
        dataSource={cut ? rows.slice(0, limit) : rows}
        pagination={false}
        expandable={{ indentSize: 12 }}
        scroll={compact ? { x: 480 } : scrollHeight ? { y: scrollHeight } : undefined}
        sticky={false}
      />
      {limit !== undefined && ranked.length > limit + 1 ? (
        <Button
          type="link"
          size="small"
          className="geo-table-more"
          data-testid="geo-table-more"
          onClick={() => setShowAll((v) => !v)}
        >
          {showAll ? t('geo.showLess') : t('geo.showAll', { count: ranked.length })}
        </Button>
      ) : null}
    </>
  );
}
