// Filled in by Maven resource filtering (dashboards/pom.xml).
export const ECHARTS_VERSION = '@echarts.webjar.version@';
