/**
 * The artificial half of Soma: the computational graph and its gates, the expression language,
 * the gradient check, the linear classifier and 2-layer network built from the gates, optimizers
 * and training.
 */
export { Graph, GATE_NAMES, BINARY_GATES, UNARY_GATES, type GraphNode, type GateName, type BinaryGateName, type UnaryGateName } from './graph';
export { parseExpression, evaluateExpression, ExpressionError, type ExpressionGraph } from './expression';
export { GRADCHECK_H_RANGE, GRADCHECK_TOLERANCE, gradientCheck, relativeError, type GradCheckResult, type GradCheckOptions, type ParamCheck } from './gradcheck';
export {
  MODELS, LOSSES, INITS, HIDDEN_ACTIVATIONS, MAX_HIDDEN_LAYERS, MAX_HIDDEN_UNITS, buildNetworkGraph, initNetwork, checkNetworkSpec,
  forwardNetwork, forwardLayers, networkLayers, argmaxRows, hiddenWidths, modelOfHidden, parseHiddenList,
  type ForwardResult, type ModelKind, type LossKind, type InitKind, type HiddenActivation, type NetworkSpec, type NetworkGraph, type DenseLayer,
} from './network';
export { forwardInto, dataLoss, softmaxRowLoss, svmRowLoss, l2Penalty, type DataLossKind } from './forward';
export { OPTIMIZERS, makeOptimizer, type Optimizer, type OptimizerKind } from './optimizers';
export { TRAIN_DEFAULTS, checkTrainOptions, Trainer, train, type TrainOptions, type TrainResult } from './train';
export {
  LIF_THETA_MV, SOFT_LIF_SIGMA_MV, LIF_RATE_SCALE_HZ, lifRateActivation, lifRateActivationDerivative,
  softLifActivation, softLifActivationDerivative, ACTIVATIONS, type Activation,
} from './activations';
