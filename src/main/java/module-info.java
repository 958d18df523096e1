/**
 * vectorgrad: strided n-dimensional arrays, reverse-mode autodiff and Keras-style training,
 * in pure Java on the incubating Vector API.
 */
module dev.vectorgrad {
    requires jdk.incubator.vector;

    exports dev.vectorgrad;
    exports dev.vectorgrad.autodiff;
    exports dev.vectorgrad.kernels;
    exports dev.vectorgrad.kernels.elementwise;
    exports dev.vectorgrad.kernels.reduce;
    exports dev.vectorgrad.kernels.matmul;
    exports dev.vectorgrad.kernels.conv;
    exports dev.vectorgrad.kernels.optim;
    exports dev.vectorgrad.kernels.rnn;
    exports dev.vectorgrad.kernels.copy;
    exports dev.vectorgrad.io;
    exports dev.vectorgrad.nn;
    exports dev.vectorgrad.nn.callbacks;
    exports dev.vectorgrad.nn.losses;
    exports dev.vectorgrad.nn.metrics;
    exports dev.vectorgrad.nn.optimizers;
    exports dev.vectorgrad.nn.optimizers.schedules;
    exports dev.vectorgrad.data;
}
