export {
  startFakeServiceApi,
  type FakeBehaviour,
  type FakeServiceApi,
  type RecordedRequest,
} from './fake-service-api.js';
