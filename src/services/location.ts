import Taro from '@tarojs/taro'
import type Gcoord from 'gcoord'

/**
 * WGS-84 → GCJ-02 with gcoord, in a browser only: the mini-program asks WeChat for GCJ-02 itself,
 * and the weapp build (TARO_ENV = weapp) drops this branch, keeping gcoord out of its main package.
 */
function toGcj02(latitude: number, longitude: number): { latitude: number; longitude: number } {
  // a constant condition in each build: webpack leaves the dead branch, and its require, out
  if (process.env.TARO_ENV !== 'weapp') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('gcoord') as typeof Gcoord | { default: typeof Gcoord }
    const gcoord = 'default' in mod ? mod.default : mod // the ES module's default export, or the CommonJS one (jest)
    const [lng, lat] = gcoord.transform([longitude, latitude], gcoord.WGS84, gcoord.GCJ02) as [number, number]
    return { latitude: lat, longitude: lng }
  }
  return { latitude, longitude }
}

export interface PickedPlace {
  latitude: number
  longitude: number
  /** The name WeChat's location picker shows; null when only the device position is known (H5). */
  address: string | null
}

/** Lets the user choose a place on WeChat's map picker; in a browser, the device's position (GCJ-02). */
export async function pickPlace(): Promise<PickedPlace> {
  // (the platform tests here are written out: each build drops the other platform's branch)
  if (process.env.TARO_ENV === 'weapp') {
    const picked = await Taro.chooseLocation({})
    return { latitude: picked.latitude, longitude: picked.longitude, address: picked.address || picked.name || null }
  }
  // Taro's H5 getLocation takes WGS-84 only: converted to GCJ-02 like every stored place
  return { ...(await currentPosition()), address: null }
}

/**
 * The device's position in GCJ-02 (the coordinates of Chinese maps, and of every place stored
 * here): WeChat gives it directly; a browser gives WGS-84 only, converted with gcoord.
 */
export async function currentPosition(): Promise<{ latitude: number; longitude: number }> {
  if (process.env.TARO_ENV === 'weapp') {
    const here = await Taro.getLocation({ type: 'gcj02' })
    return { latitude: here.latitude, longitude: here.longitude }
  }
  const here = await Taro.getLocation({ type: 'wgs84' })
  return toGcj02(here.latitude, here.longitude)
}

/** Opens a point in the map app: WeChat's built-in map, or 高德地图's web page in a browser. */
export function mapLink(p: { latitude: number; longitude: number }, name: string): string {
  return `https://uri.amap.com/marker?position=${p.longitude},${p.latitude}&name=${encodeURIComponent(name)}&coordinate=gaode&callnative=1`
}

export async function openPlace(p: { latitude: number; longitude: number }, name: string, address: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') await Taro.openLocation({ latitude: p.latitude, longitude: p.longitude, name, address, scale: 17 })
  else window.open(mapLink(p, name), '_blank', 'noopener')
}
