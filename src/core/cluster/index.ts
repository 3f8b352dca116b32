// Hierarchical clustering for clustermap (pure; runs in a Web Worker): scipy's pdist/linkage/dendrogram and
// seaborn's z_score/standard_scale, matching their numbers and orderings.
export { condensedIndex, condensedLength, MAX_CONDENSED_BYTES } from './condensed';
export { type DendrogramCoords, dendrogramCoords, type LinkageInput, leafOrder } from './dendrogram';
export { LINKAGE_METHODS, type LinkageMethod } from './lance-williams';
export { checkLinkage, checkMethod, type LinkageOptions, linkage, linkageFromDistances } from './linkage';
export { standardScale, zScore } from './normalize';
export { checkMetric, METRICS, type Metric, type MetricFunction, type MetricName, pdist } from './pdist';
