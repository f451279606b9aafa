import type { EvidenceFigure, EvidenceScope } from '@portrait/shared/suggestions';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../../lib/i18n';
import { useFormatters } from '../../../lib/use-formatters';
import { figureLabel, formatFigure, pathText } from '../utils/suggestion-format';

const SOURCE_COLORS: Record<EvidenceFigure['source'], string> = {
  overview: 'blue',
  derived: 'cyan',
  analysis: 'purple',
  rule: 'default',
  model: 'gold',
};

/** The figures a suggestion rests on, each with where it comes from (hover for the exact path or formula). */
export function EvidenceTable({ figures, scope }: { figures: EvidenceFigure[]; scope: EvidenceScope }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const f = useFormatters();

  const hint = (fig: EvidenceFigure) => {
    switch (fig.source) {
      case 'overview':
        return t('suggestions.sourceHint.overview', { path: pathText(fig.paths ?? []) });
      case 'derived':
        return t('suggestions.sourceHint.derived', {
          numerator: fig.ratio ? figureLabel(fig.ratio[0], lang) : '',
          denominator: fig.ratio ? figureLabel(fig.ratio[1], lang) : '',
        });
      default:
        return t(`suggestions.sourceHint.${fig.source}`);
    }
  };

  const stores =
    scope.stores === null
      ? t('suggestions.allStores')
      : t('suggestions.someStores', { count: scope.stores.length });

  return (
    <div className="evidence" data-testid="suggestion-evidence">
      <table className="evidence-table">
        <caption className="visually-hidden">{t('suggestions.evidenceTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('suggestions.figure')}</th>
            <th scope="col" className="evidence-value">
              {t('suggestions.value')}
            </th>
            <th scope="col" className="evidence-source">
              {t('suggestions.source')}
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.map((fig) => (
            <tr key={fig.key} data-figure={fig.key}>
              <th scope="row">{figureLabel(fig.key, lang)}</th>
              <td className="evidence-value">{formatFigure(fig, f)}</td>
              <td className="evidence-source">
                <Tooltip title={hint(fig)}>
                  <Tag color={SOURCE_COLORS[fig.source]} tabIndex={0} bordered={false}>
                    {t(`suggestions.sources.${fig.source}`)}
                  </Tag>
                </Tooltip>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="evidence-scope">
        {t('suggestions.evidenceScope', { from: f.day(scope.from), to: f.day(scope.to), stores })}
      </div>
    </div>
  );
}
