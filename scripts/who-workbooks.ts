// The 16 WHO expanded-table workbooks the installer reads, where WHO publishes them, and the SHA-256 each must
// have. The sums are ours (they identify WHO's files); the tables themselves are never committed.

export type WhoTableKey = 'wfa' | 'lhfa' | 'bfa' | 'wfl' | 'wfh' | 'hfa07' | 'bfa07' | 'wfa07' | 'hcfa';
export type WorkbookSex = 'male' | 'female';

export interface WhoWorkbook {
  /** WHO's file name (the name the installer looks for in --from / WHO_TABLES_DIR). */
  file: string;
  sha256: string;
  url: string;
  table: WhoTableKey;
  sex: WorkbookSex;
  /** The header of the key column in WHO's sheet: the x axis of the table. */
  keyColumn: 'Day' | 'Month' | 'Length' | 'Height';
}

const CGS = 'https://cdn.who.int/media/docs/default-source/child-growth/child-growth-standards/indicators';
const REF = 'https://cdn.who.int/media/docs/default-source/child-growth/growth-reference-5-19-years';

export const WHO_WORKBOOKS: readonly WhoWorkbook[] = [
  {
    file: 'wfa-boys-zscore-expanded-tables.xlsx',
    sha256: 'b5b4748c6bfa5230e2eddafa1767629c349178b08d457f400b59422b8bfef86c',
    url: `${CGS}/weight-for-age/expanded-tables/wfa-boys-zscore-expanded-tables.xlsx`,
    table: 'wfa',
    sex: 'male',
    keyColumn: 'Day',
  },
  {
    file: 'wfa-girls-zscore-expanded-tables.xlsx',
    sha256: 'ee3ae12cb96c6c5541cdf43665c03ce6c984f877859a183a5f6104eb06a49a6e',
    url: `${CGS}/weight-for-age/expanded-tables/wfa-girls-zscore-expanded-tables.xlsx`,
    table: 'wfa',
    sex: 'female',
    keyColumn: 'Day',
  },
  {
    file: 'lhfa-boys-zscore-expanded-tables.xlsx',
    sha256: 'c4b1c9029ab9751a5f0888e32f35c7c0287a16d361885cf911ecf23b3f7f6b4f',
    url: `${CGS}/length-height-for-age/expandable-tables/lhfa-boys-zscore-expanded-tables.xlsx`,
    table: 'lhfa',
    sex: 'male',
    keyColumn: 'Day',
  },
  {
    file: 'lhfa-girls-zscore-expanded-tables.xlsx',
    sha256: '6aa2876319449a6b1f4d825848128902114ff53c67b92b86a0c5140846013059',
    url: `${CGS}/length-height-for-age/expandable-tables/lhfa-girls-zscore-expanded-tables.xlsx`,
    table: 'lhfa',
    sex: 'female',
    keyColumn: 'Day',
  },
  {
    file: 'bfa-boys-zscore-expanded-tables.xlsx',
    sha256: '58dcb2abea0e04b1c4f8ad3511d05ec1bea03741f230ac127b93f929e4cc6fc8',
    url: `${CGS}/body-mass-index-for-age/expanded-tables/bfa-boys-zscore-expanded-tables.xlsx`,
    table: 'bfa',
    sex: 'male',
    keyColumn: 'Day',
  },
  {
    file: 'bfa-girls-zscore-expanded-tables.xlsx',
    sha256: 'd3817262a383cdd02553b004f1c6110527d30b729c70501d032e71caadc17529',
    url: `${CGS}/body-mass-index-for-age/expanded-tables/bfa-girls-zscore-expanded-tables.xlsx`,
    table: 'bfa',
    sex: 'female',
    keyColumn: 'Day',
  },
  {
    file: 'wfl-boys-zscore-expanded-table.xlsx',
    sha256: '1a6e9a002d2692d038161bc6572a10f8b9fa0657163808141d2981a2132c59cc',
    url: `${CGS}/weight-for-length-height/expanded-tables/wfl-boys-zscore-expanded-table.xlsx`,
    table: 'wfl',
    sex: 'male',
    keyColumn: 'Length',
  },
  {
    file: 'wfl-girls-zscore-expanded-table.xlsx',
    sha256: 'ec116b8e618ad311d34a87231346badf16c75f5c4f82222ec846e05c582bf16a',
    url: `${CGS}/weight-for-length-height/expanded-tables/wfl-girls-zscore-expanded-table.xlsx`,
    table: 'wfl',
    sex: 'female',
    keyColumn: 'Length',
  },
  {
    file: 'wfh-boys-zscore-expanded-tables.xlsx',
    sha256: 'ed3b590f9c65937a138408b13618f33684bb6406a0c56d6a2ce3fd9053a3f59f',
    url: `${CGS}/weight-for-length-height/expanded-tables/wfh-boys-zscore-expanded-tables.xlsx`,
    table: 'wfh',
    sex: 'male',
    keyColumn: 'Height',
  },
  {
    file: 'wfh-girls-zscore-expanded-tables.xlsx',
    sha256: 'fca340d5f04aa1556ac410b176b65b290e1b9ff467fc854a97f9b54ad94c9b8a',
    url: `${CGS}/weight-for-length-height/expanded-tables/wfh-girls-zscore-expanded-tables.xlsx`,
    table: 'wfh',
    sex: 'female',
    keyColumn: 'Height',
  },
  {
    file: 'hfa-boys-z-who-2007-exp.xlsx',
    sha256: 'd78fa8cafcab77dcb5f03d71506d92bdcb28f89c642816b6bb0eef466b007466',
    url: `${REF}/height-for-age-(5-19-years)/hfa-boys-z-who-2007-exp.xlsx`,
    table: 'hfa07',
    sex: 'male',
    keyColumn: 'Month',
  },
  {
    file: 'hfa-girls-z-who-2007-exp.xlsx',
    sha256: 'df07ee16d3d2916569f1d869b7c874d7b880a41321d871215ed0254cb16679b3',
    url: `${REF}/height-for-age-(5-19-years)/hfa-girls-z-who-2007-exp.xlsx`,
    table: 'hfa07',
    sex: 'female',
    keyColumn: 'Month',
  },
  {
    file: 'bmi-boys-z-who-2007-exp.xlsx',
    sha256: '0a60849673f34a06b8e2fe4defe5d00348de687b6c9fce0278f1525fff89eb6d',
    url: `${REF}/bmi-for-age-(5-19-years)/bmi-boys-z-who-2007-exp.xlsx`,
    table: 'bfa07',
    sex: 'male',
    keyColumn: 'Month',
  },
  {
    file: 'bmi-girls-z-who-2007-exp.xlsx',
    sha256: '66f5c6284b44579ad6135fc639f22c09e36fe5a695b04390377113f6a00deb72',
    url: `${REF}/bmi-for-age-(5-19-years)/bmi-girls-z-who-2007-exp.xlsx`,
    table: 'bfa07',
    sex: 'female',
    keyColumn: 'Month',
  },
  {
    // WHO names the 5-10 y weight files "hfa-..."; their content is weight in kg.
    file: 'wfa-5-10y_hfa-boys-z-who-2007-exp_0ff9c43c-8cc0-4c23-9fc6-81290675e08b.xlsx',
    sha256: 'a6ed0d9f3cfa209747afe49f7503b7cc24a1be6b6a8e7222e85a36b7850cb99f',
    url: `${REF}/weight-for-age-(5-10-years)/hfa-boys-z-who-2007-exp_0ff9c43c-8cc0-4c23-9fc6-81290675e08b.xlsx`,
    table: 'wfa07',
    sex: 'male',
    keyColumn: 'Month',
  },
  {
    file: 'wfa-5-10y_hfa-girls-z-who-2007-exp_7ea58763-36a2-436d-bef0-7fcfbadd2820.xlsx',
    sha256: 'd747e068fcef4238cbaf1c201dd7788f266d9903685f4495360614eed0153562',
    url: `${REF}/weight-for-age-(5-10-years)/hfa-girls-z-who-2007-exp_7ea58763-36a2-436d-bef0-7fcfbadd2820.xlsx`,
    table: 'wfa07',
    sex: 'female',
    keyColumn: 'Month',
  },
];

/**
 * WHO's head-circumference-for-age workbooks, optional: installed when both are in the folder (or downloadable),
 * skipped with a warning otherwise, refused like the others when a sum differs. These sums were not taken from
 * files in hand here: two unrelated public repositories recorded the same two sums when they downloaded the
 * files from cdn.who.int (and the same lhfa sums as ours), see docs/growth.md.
 */
export const WHO_OPTIONAL_WORKBOOKS: readonly WhoWorkbook[] = [
  {
    file: 'hcfa-boys-zscore-expanded-tables.xlsx',
    sha256: '89a657bc466e85f6c8f2e5e7f4635e969bdcf982bb71e519273e43896a1c3314',
    url: `${CGS}/head-circumference-for-age/expanded-tables/hcfa-boys-zscore-expanded-tables.xlsx`,
    table: 'hcfa',
    sex: 'male',
    keyColumn: 'Day',
  },
  {
    file: 'hcfa-girls-zscore-expanded-tables.xlsx',
    sha256: '8eec3770d1027ce1b3b96a7b89fd1e77070558a7791b17b4462cda8a813324a3',
    url: `${CGS}/head-circumference-for-age/expanded-tables/hcfa-girls-zscore-expanded-tables.xlsx`,
    table: 'hcfa',
    sex: 'female',
    keyColumn: 'Day',
  },
];
