/** Hash routes: `#/overview`, `#/cases?overdue=true`, `#/cases/<id>`, … (static hosting, no server routes). */
export { navigate, type Route, useRoute } from '@reintegra/ui-web';
