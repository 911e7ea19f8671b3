// Bottleneck's light build (no Redis clustering) is what octokit's throttling plugin uses; it has
// the same API as the full build, whose types it shares.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
