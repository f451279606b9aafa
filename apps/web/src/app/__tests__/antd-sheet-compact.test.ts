import { describe, expect, it } from 'vitest';
import { dropServerScopedRules } from '../../../vite/antd-sheet-compact';

describe("antd's static sheet, rid of the build-time render's server-id scopes", () => {
  it('Given rules under css-var-_R_ scopes, When compacted, Then only the rules the browser can match remain, in order', () => {
    const sheet = [
      '.portrait{--ant-color-primary:#1677ff;}',
      '.css-var-_R_197_{--ant-color-primary:#1677ff;}',
      '.css-var-_R_1p7_.ant-btn,.portrait.ant-btn{--ant-btn-padding:4px;}',
      '@media (min-width: 576px){.css-var-_R_217_.ant-col{flex:1;}}',
      '@media (min-width: 768px){.css-var-_R_217_.ant-col{flex:1;}.ant-col-md-8{flex:0 0 33%;}}',
      '.css-var-_r_5_{color:red;}',
      '.ant-btn{color:var(--ant-color-text);}',
    ].join('');

    expect(dropServerScopedRules(sheet)).toBe(
      [
        '.portrait{--ant-color-primary:#1677ff;}',
        '.portrait.ant-btn{--ant-btn-padding:4px;}',
        '@media (min-width: 768px){.ant-col-md-8{flex:0 0 33%;}}',
        // A client id's scope (lower-case r) is one the app can produce: kept.
        '.css-var-_r_5_{color:red;}',
        '.ant-btn{color:var(--ant-color-text);}',
      ].join(''),
    );
  });
});
