import { runAdapterConformance } from '@hpckit/core/testing';
import { mockConformanceTarget } from './support/conformance-target.js';

runAdapterConformance({ name: 'mock', ...mockConformanceTarget() });
