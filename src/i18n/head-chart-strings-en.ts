/**
 * The head-circumference (LK/U) chart on the person page, in English.
 * Part of the catalogue (spread there); kept in its own file so each stays readable.
 */
export const HEAD_CHART_STRINGS_EN = {
  chart_headTitle: 'Head circumference for age (LK/U)',
  chart_headAxis: 'Head circumference (cm)',
  chart_headNormal: 'Head circumference is normal for the age.',
  chart_headSmall: 'Head circumference is too small (below the -2 line). Refer to the puskesmas.',
  chart_headLarge: 'Head circumference is too large (above the +2 line). Refer to the puskesmas.',
  chart_headLatest: 'Latest head measurement {date}: {value}',
  chart_headNoTable:
    'The head-circumference chart cannot be shown yet: WHO’s head-circumference table is not installed in this app. ' +
    'The head circumference is still recorded and shown in the history.',
};
