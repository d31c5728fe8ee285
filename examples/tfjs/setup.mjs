import * as tf from '@tensorflow/tfjs-core';
// The gradients of tfjs-core's own ops, which `tf.grad` needs (the @tensorflow/tfjs package imports
// this for you; with tfjs-core alone you import it yourself).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import 'gradcheck/vitest';

await tf.setBackend('cpu');
